-- The years the marts cover now (to tell whether an incremental refresh is valid). No params.
select list(tahun order by tahun) as tahun from mart_tahun;
