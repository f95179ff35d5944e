-- The temp table of desa an import touched, empty when no import runs on this connection (the mart
-- row macros read it). No params.
create temp table if not exists touched_desa (kode_desa varchar);
