{#-
    The crosswalk resolution cascade shared by kabupaten, kecamatan and village levels.

    `prepared` is a CTE with one row per BPS region: kode_bps, kode_dagri_sumber, kode_dagri_geser
    (the source code with its parent prefix remapped to the current parent, or null), nama_dagri_norm,
    nama_bps_norm, nama_dagri_plain, nama_bps_plain, and one column per name scope. `master` is a CTE
    of current regions of the same level: kode, nama_norm, nama_plain, sibling_scope (the parent code)
    and the matching scope columns. Names agree when either form (normalize_name or plain_name) does.

    Steps, first accepted wins:
      1. same_code / papua_split_code: the source code (or its remapped form) exists in the master and
         the names agree (similarity >= crosswalk_min_code_name_similarity), unless the names are not
         equal and a sibling of the candidate (or a region in the source's own resolved parent,
         `parent_column`) has exactly the source's name;
      2. one step per name scope, in order: exactly one not-yet-claimed current region in that scope has
         an equal normalized name.
    Never guess: a name matching several regions stays unresolved ("ambiguous"), and a current code
    claimed by more than one BPS code is taken from all of them ("conflict").
-#}
{% macro match_regions(prepared, master, name_scopes, parent_column=none) %}
{%- set min_similarity = var('crosswalk_min_code_name_similarity') -%}
code_pairs as (
    -- Two equi-joins instead of one OR-join, which DuckDB would run as a nested loop.
    select p.kode_bps, m.kode, m.sibling_scope, 'same_code' as match_method
    from {{ prepared }} as p
    inner join {{ master }} as m on m.kode = p.kode_dagri_sumber
    union all
    select p.kode_bps, m.kode, m.sibling_scope, 'papua_split_code' as match_method
    from {{ prepared }} as p
    inner join {{ master }} as m on m.kode = p.kode_dagri_geser
),

code_candidates as (
    select
        c.kode_bps,
        c.kode as kode_baru,
        c.match_method,
        greatest(
            {{ name_similarity('m.nama_norm', 'p.nama_dagri_norm') }},
            {{ name_similarity('m.nama_norm', 'p.nama_bps_norm') }},
            {{ name_similarity('m.nama_plain', 'p.nama_dagri_plain') }},
            {{ name_similarity('m.nama_plain', 'p.nama_bps_plain') }}
        ) as name_similarity,
        c.sibling_scope
    from code_pairs as c
    inner join {{ prepared }} as p on p.kode_bps = c.kode_bps
    inner join {{ master }} as m on m.kode = c.kode
    qualify row_number() over (partition by c.kode_bps order by name_similarity desc, c.kode) = 1
),

exact_rivals as (
    -- A sibling (same current parent) whose name equals the source name exactly is stronger
    -- evidence than a code whose name is only similar: the code was likely reassigned.
    select distinct c.kode_bps
    from code_candidates as c
    inner join {{ prepared }} as p on p.kode_bps = c.kode_bps
    inner join {{ master }} as m
        on (
            m.sibling_scope = c.sibling_scope
            {%- if parent_column %}
            or m.sibling_scope = p.{{ parent_column }}
            {%- endif %}
        )
        and m.kode <> c.kode_baru
        and (m.nama_norm in (p.nama_dagri_norm, p.nama_bps_norm) or m.nama_plain in (p.nama_dagri_plain, p.nama_bps_plain))
    where c.name_similarity < 1
),

step_0 as (
    select
        kode_bps,
        kode_baru,
        match_method,
        name_similarity,
        1 as n_candidates
    from code_candidates
    where name_similarity >= {{ min_similarity }}
        and kode_bps not in (select kode_bps from exact_rivals)
),
{%- for scope in name_scopes %}
{%- set previous = 'step_' ~ loop.index0 %}

name_candidates_{{ loop.index }} as (
    select
        p.kode_bps,
        min(m.kode) as kode_baru,
        count(distinct m.kode) as n_candidates
    from {{ prepared }} as p
    inner join {{ master }} as m
        on m.{{ scope.master_column }} = p.{{ scope.prepared_column }}
        and (m.nama_norm in (p.nama_dagri_norm, p.nama_bps_norm) or m.nama_plain in (p.nama_dagri_plain, p.nama_bps_plain))
    where p.kode_bps not in (select kode_bps from {{ previous }})
        and m.kode not in (select kode_baru from {{ previous }})
    group by p.kode_bps
),

step_{{ loop.index }} as (
    select * from {{ previous }}
    union all
    select
        kode_bps,
        kode_baru,
        '{{ scope.method }}' as match_method,
        1.0 as name_similarity,
        1 as n_candidates
    from name_candidates_{{ loop.index }}
    where n_candidates = 1
),
{%- endfor %}
{%- set last = 'step_' ~ name_scopes | length %}

claims as (
    select kode_baru, count(*) as n_claims
    from {{ last }}
    group by kode_baru
),

ambiguous as (
    {%- for scope in name_scopes %}
    select kode_bps, n_candidates, '{{ scope.method }}' as scope_method
    from name_candidates_{{ loop.index }}
    where n_candidates > 1
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

matches as (
    select
        p.kode_bps,
        case when c.n_claims = 1 then s.kode_baru end as kode_baru,
        case when c.n_claims = 1 then s.match_method else 'unresolved' end as match_method,
        coalesce(s.name_similarity, cc.name_similarity) as name_similarity,
        case
            when c.n_claims > 1
                then 'conflict: ' || s.kode_baru || ' is claimed by ' || c.n_claims || ' BPS codes'
            when s.kode_bps is not null then null
            when a.kode_bps is not null
                then 'ambiguous: ' || a.n_candidates || ' current regions share the name (' || a.scope_method || ')'
            when cc.kode_bps is not null and cc.name_similarity >= {{ min_similarity }}
                then 'code/name conflict: ' || cc.kode_baru || ' has a similar name but another region in its parent has the exact name'
            when cc.kode_bps is not null
                then 'weak name match: ' || cc.kode_baru || ' has similarity ' || round(cc.name_similarity, 3)
            when p.kode_dagri_sumber is null then 'no Kemendagri code in the crosswalk and no name match'
            else 'source code no longer exists and no name match in the current parent region'
        end as unresolved_reason
    from {{ prepared }} as p
    left join {{ last }} as s on s.kode_bps = p.kode_bps
    left join claims as c on c.kode_baru = s.kode_baru
    left join code_candidates as cc on cc.kode_bps = p.kode_bps
    left join (select kode_bps, any_value(n_candidates) as n_candidates, any_value(scope_method) as scope_method from ambiguous group by kode_bps) as a
        on a.kode_bps = p.kode_bps
)
{% endmacro %}
