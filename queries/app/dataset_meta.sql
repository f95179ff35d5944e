-- One row per meta key (dataset label such as 'demo', time of the last import). No scope: not personal.
-- Params: none.
select key, value from meta;
