-- A file without a NIK column (population per desa) gets an empty one, so karantina_rows has a NIK
-- column to hash whatever the kind (an empty cell is left out of the kept row). No params.
alter table raw_rows add column if not exists nik varchar;
