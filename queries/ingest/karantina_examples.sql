-- The first rejected rows of one file with their reasons, for the terminal. Params: $n (INTEGER).
select
    row_number,
    alasan
from karantina_baru
order by row_number
limit $n;
