{#- apbn_revisions and apbn_refocusing_2021 key a spending category without its type: that holds only
    while each category belongs to one type. An account mapped to a category of another type, or an
    unmapped account outside 51/52/53, fails here, naming the category and its types. -#}
select
    kategori_belanja,
    string_agg(distinct coalesce(jenis_belanja, '(none)'), ', ') as jenis_belanja
from {{ ref('int_budget__lines') }}
group by kategori_belanja
having count(distinct coalesce(jenis_belanja, '(none)')) > 1
