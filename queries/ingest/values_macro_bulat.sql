-- Macro values_bulat(teks): a written whole number as BIGINT ('3500', '3500.0', '-2'), or null. '1.234' is
-- refused rather than guessed (thousands separator or decimal?). No params.
create or replace temp macro values_bulat(teks) as
    case
        when regexp_full_match(teks, '\d\d?\d?(\.\d\d\d)+') then null
        when try_cast(replace(teks, ' ', '') as double) = floor(try_cast(replace(teks, ' ', '') as double))
            and abs(try_cast(replace(teks, ' ', '') as double)) < 1e15
            then try_cast(replace(teks, ' ', '') as double)::bigint
    end;
