-- Writes the resolved code into raw_rows.kode_desa of every row whose desa name resolved surely, in one
-- set-based update joined on the spreadsheet row number. Reads desa_name_rows and desa_map. No params.
update raw_rows
set kode_desa = m.kode
from desa_name_rows as n
inner join desa_map as m on n.desa_raw = m.desa_raw and n.kec_raw = m.kec_raw
where raw_rows._baris = n._baris and m.kode is not null;
