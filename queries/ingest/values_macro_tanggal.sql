-- Macro values_tanggal_alasan(teks, dikenal): why a written date was not read — the day does not exist
-- (dikenal) or the format is not one of the accepted ones, which the message lists. No params.
create or replace temp macro values_tanggal_alasan(teks, dikenal) as
    case
        when dikenal then 'bukan tanggal yang sah (tulis YYYY-MM-DD): ''' || teks || ''''
        else 'format tanggal tidak dikenal: ''' || teks || ''' (format yang diterima: YYYY-MM-DD, DD/MM/YYYY, '
            || 'D-M-YY, YYYY/MM/DD, 7 Juni 2022, 7-Jun-22 atau nomor seri tanggal Excel)'
    end;
