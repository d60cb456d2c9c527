{#- Village counts per IDM status, and source disagreements, for the IDM summaries (kabupaten,
    province, year): one definition so the three agree. `prefix` qualifies the columns ("s."). -#}
{% macro idm_status_counts(prefix='') -%}
    count(*) as n_desa,
    count(*) filter (where {{ prefix }}status = 'SANGAT TERTINGGAL') as n_sangat_tertinggal,
    count(*) filter (where {{ prefix }}status = 'TERTINGGAL') as n_tertinggal,
    count(*) filter (where {{ prefix }}status = 'BERKEMBANG') as n_berkembang,
    count(*) filter (where {{ prefix }}status = 'MAJU') as n_maju,
    count(*) filter (where {{ prefix }}status = 'MANDIRI') as n_mandiri,
    count(*) filter (where {{ prefix }}status_tidak_sesuai) as n_status_tidak_sesuai
{%- endmacro %}
