-- Macros values_nik_kunci(nik, ipad, opad): the keyed hash stored for a good NIK (values_hmac of the 16 digits),
-- or the hash itself when the NIK arrives as 'hash:<64 hex>', carried over from quarantine by the importer for a
-- row fixed in the quarantine download; and values_nik_karantina(nik, ipad, opad): the NIK as quarantine keeps
-- it, 'hash:' and the hash of the text as written (a carried hash kept as it is). No params.
create or replace temp macro values_nik_kunci(nik, ipad, opad) as
    case
        when length(nik) = 69 and regexp_full_match(nik, 'hash:[0-9a-f]+') then substr(nik, 6)
        else values_hmac(values_nik_bersih(nik), ipad, opad)
    end;
create or replace temp macro values_nik_karantina(nik, ipad, opad) as
    case
        when length(nik) = 69 and regexp_full_match(nik, 'hash:[0-9a-f]+') then nik
        else 'hash:' || values_hmac(nik, ipad, opad)
    end;
