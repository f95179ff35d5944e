-- Macro values_kunci(teks): the lookup key of a written value, lower case with letters and digits only, so
-- 'Laki-laki', 'laki laki' and 'LAKI-LAKI' all give 'lakilaki'. No params.
create or replace temp macro values_kunci(teks) as regexp_replace(lower(teks), '[^a-z0-9]', '', 'g');
