-- Macro values_kunci_kategori(teks): the lookup key of a PMKS category as written. A code ('9', '09',
-- 'PMKS-09', 'pmks 9') gives 'k' and its number without leading zeros ('k9'); a name gives 'n' and its
-- values_kunci ('Anak Terlantar' -> 'nanakterlantar'). Needs values_kunci. No params.
create or replace temp macro values_kunci_kategori(teks) as
    case
        when regexp_full_match(lower(teks), '\s*(pmks|ppks)?[\s._-]*\d+\s*')
            then 'k' || regexp_extract(teks, '0*(\d+)\s*$', 1)
        else 'n' || values_kunci(teks)
    end;
