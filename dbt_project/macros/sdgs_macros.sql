{#- SDGs Desa has 18 goals (Permendesa PDTT 21/2020). -#}
{% macro sdgs_n_goals() %}18{% endmacro %}

{#- Score bands for analysts (project-defined, 20-point steps); 0 means no SDGs data entered. -#}
{% macro sdgs_score_band(column) -%}
    case
        when {{ column }} is null then null
        when {{ column }} = 0 then 'tanpa_data'
        when {{ column }} < 20 then '0-20'
        when {{ column }} < 40 then '20-40'
        when {{ column }} < 60 then '40-60'
        when {{ column }} < 80 then '60-80'
        else '80-100'
    end
{%- endmacro %}

{#- Analyst summary of the village scores by current region (`kabupaten` or `provinsi`).
    Villages not resolved to a current code have no current region and are left out (they are
    counted in sdgs_village_scores with match_method). Statistics of scores are over villages with
    SDGs data (score > 0); band shares are over all villages of the region. -#}
{% macro sdgs_summary(level) -%}
{%- set key = 'kode_' ~ level -%}
with villages as (
    select * from {{ ref('sdgs_village_scores') }}
    where {{ key }} is not null
),

goal_scores as (
    select * from {{ ref('sdgs_goal_scores') }}
    where {{ key }} is not null
),

regions as (
    select kode, nama from {{ ref('dim_wilayah') }}
),

goals as (
    select * from {{ ref('sdgs_goals') }}
),

village_stats as (
    select
        {{ key }},
        count(*) as n_desa,
        count(*) filter (where score_reported = 0) as n_desa_tanpa_data,
        avg(score_reported) filter (where score_reported > 0) as score_mean,
        quantile_cont(cast(score_reported as double), 0.25) filter (where score_reported > 0) as score_p25,
        quantile_cont(cast(score_reported as double), 0.5) filter (where score_reported > 0) as score_median,
        quantile_cont(cast(score_reported as double), 0.75) filter (where score_reported > 0) as score_p75,
        {%- for band in ['tanpa_data', '0-20', '20-40', '40-60', '60-80', '80-100'] %}
        count(*) filter (where score_band = '{{ band }}') / count(*) as share_{{ band | replace('-', '_') }}
        {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from villages
    group by {{ key }}
),

goal_means as (
    select
        s.{{ key }},
        s.goal,
        avg(s.score) as goal_mean
    from goal_scores as s
    inner join villages as v on s.kode_bps = v.kode_bps
    where v.score_reported > 0
    group by s.{{ key }}, s.goal
),

ranked as (
    select
        *,
        row_number() over (partition by {{ key }} order by goal_mean, goal) as weakness_rank
    from goal_means
),

weakest as (
    select
        {{ key }},
        min(goal) filter (where weakness_rank = 1) as weakest_goal,
        min(goal_mean) filter (where weakness_rank = 1) as weakest_goal_score_mean,
        string_agg(cast(goal as varchar), ', ' order by weakness_rank) filter (where weakness_rank <= 3)
            as weakest_goals
    from ranked
    group by {{ key }}
)

select
    s.{{ key }},
    r.nama as nama_{{ level }},
    {%- if level == 'kabupaten' %}
    left(s.kode_kabupaten, 2) as kode_provinsi,
    {%- endif %}
    cast(s.n_desa as integer) as n_desa,
    cast(s.n_desa_tanpa_data as integer) as n_desa_tanpa_data,
    cast(round(s.score_mean, 2) as decimal(5, 2)) as score_mean,
    cast(round(s.score_p25, 2) as decimal(5, 2)) as score_p25,
    cast(round(s.score_median, 2) as decimal(5, 2)) as score_median,
    cast(round(s.score_p75, 2) as decimal(5, 2)) as score_p75,
    {%- for band in ['tanpa_data', '0-20', '20-40', '40-60', '60-80', '80-100'] %}
    cast(round(s.share_{{ band | replace('-', '_') }}, 4) as decimal(5, 4)) as share_{{ band | replace('-', '_') }},
    {%- endfor %}
    cast(w.weakest_goal as smallint) as weakest_goal,
    g.title as weakest_goal_title,
    cast(round(w.weakest_goal_score_mean, 2) as decimal(5, 2)) as weakest_goal_score_mean,
    w.weakest_goals
from village_stats as s
left join regions as r on s.{{ key }} = r.kode
left join weakest as w on s.{{ key }} = w.{{ key }}
left join goals as g on w.weakest_goal = g.goal
{%- endmacro %}
