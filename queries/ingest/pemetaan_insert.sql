-- Remember the column mapping of one header layout (schema/004_impor_pemetaan). Params: $layout_key,
-- $kolom_json (VARCHAR).
insert into impor_pemetaan values ($layout_key, $kolom_json, current_timestamp::timestamp);
