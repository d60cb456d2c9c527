{#- Every published figure and every priority program has its row in budget_tieouts. -#}
with expected as (
    select figure from {{ ref('budget_published_figures') }}
    union all
    select 'prioritas_2021_' || prioritas from {{ ref('budget_priority_programs_2021') }}
)

select e.figure
from expected as e
where not exists (select 1 from {{ ref('budget_tieouts') }} as t where t.figure = e.figure)
