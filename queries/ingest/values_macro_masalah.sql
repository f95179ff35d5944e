-- Macro values_masalah(kolom, alasan): one problem of a row as struct(kolom, alasan), or null when alasan is
-- null, so each validate_* query lists its checks and keeps the non-null ones. No params.
create or replace temp macro values_masalah(kolom, alasan) as
    case when alasan is not null then struct_pack(kolom := kolom, alasan := alasan) end;
