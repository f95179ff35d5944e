-- Benchmark input: $n rows of the demo case exports as text, the first copies made distinct by a
-- changed NIK prefix when the demo has fewer rows. Params: $files (VARCHAR[]), $n (BIGINT).
with demo as (
    select * from read_csv($files, all_varchar = true, union_by_name = true)
),

extra as (
    select * replace ('9' || substr(nik, 2) as nik)
    from demo
)

select * from demo
union all
select * from extra
limit $n;
