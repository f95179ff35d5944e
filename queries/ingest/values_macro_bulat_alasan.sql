-- Macro values_bulat_alasan(teks): why a written value is not a whole number (for values_bulat(teks) null).
-- No params.
create or replace temp macro values_bulat_alasan(teks) as
    case
        when regexp_full_match(teks, '\d\d?\d?(\.\d\d\d)+')
            then 'harus bilangan bulat tanpa pemisah ribuan: ''' || teks || ''''
        else 'harus bilangan bulat: ''' || teks || ''''
    end;
