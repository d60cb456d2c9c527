{#- Current Kemendagri code of each village the IDM sources name, found three ways:
    1. IDENTITAS.id_desa (Kemendagri without dots, as the IDM system knew it in its latest year),
       dotted and looked up in the current master;
    2. the same id_desa as an old Kemendagri code of the crosswalk (wilayah_crosswalk.kode_dagri_sumber
       -> kode_desa): codes changed since, and the 2022 Papua split;
    3. the crosswalk reading the IDM code as a BPS code (wilayah_crosswalk: kode_bps -> kode_desa).
    A code is accepted when the current name agrees with the IDM village name, in that order. In the
    real archive the IDM code is a Kemendagri code, so 3 mostly lands on another village: where 1 and
    3 both give a code and they differ, `kode_berbeda` says so. -#}
{%- set min_similarity = var('crosswalk_min_code_name_similarity') %}
with villages as (
    select
        kode_idm,
        arg_max(id_desa, tahun) as id_desa,
        arg_max(nama_desa, tahun) as nama_desa_idm,
        arg_max(nama_kab_kota, tahun) as nama_kabupaten_idm,
        count(distinct id_desa) as n_id_desa
    from {{ ref('int_idm__village_years') }}
    group by kode_idm
),

master as (
    select
        kode,
        nama,
        {{ normalize_name('nama') }} as nama_norm
    from {{ ref('dim_wilayah') }}
    where level = 'desa'
),

crosswalk as (
    select
        kode_bps,
        kode_desa,
        kode_dagri_sumber
    from {{ ref('wilayah_crosswalk') }}
),

crosswalk_by_dagri as (
    -- Old Kemendagri code -> current code, where the old code names one resolved village only.
    select
        kode_dagri_sumber,
        min(kode_desa) as kode_desa
    from crosswalk
    where kode_desa is not null and kode_dagri_sumber is not null
    group by kode_dagri_sumber
    having count(distinct kode_desa) = 1
),

candidates as (
    select
        v.*,
        {{ normalize_name('v.nama_desa_idm') }} as nama_idm_norm,
        substr(v.id_desa, 1, 2) || '.' || substr(v.id_desa, 3, 2) || '.' || substr(v.id_desa, 5, 2) || '.'
        || substr(v.id_desa, 7, 4) as id_desa_bertitik,
        c.kode_bps is not null as ada_di_crosswalk,
        c.kode_desa as kode_desa_crosswalk,
        d.kode_desa as kode_desa_identitas_crosswalk
    from villages as v
    left join crosswalk as c on c.kode_bps = v.kode_idm
    left join crosswalk_by_dagri as d
        on
            d.kode_dagri_sumber = substr(v.id_desa, 1, 2) || '.' || substr(v.id_desa, 3, 2) || '.'
            || substr(v.id_desa, 5, 2) || '.' || substr(v.id_desa, 7, 4)
),

scored as (
    select
        c.*,
        mi.kode as kode_desa_identitas,
        mi.nama as nama_desa_identitas,
        mc.nama as nama_desa_crosswalk,
        {{ name_similarity('mi.nama_norm', 'c.nama_idm_norm') }} as kemiripan_identitas,
        {{ name_similarity('mc.nama_norm', 'c.nama_idm_norm') }} as kemiripan_crosswalk,
        {{ name_similarity('md.nama_norm', 'c.nama_idm_norm') }} as kemiripan_identitas_crosswalk
    from candidates as c
    left join master as mi on mi.kode = c.id_desa_bertitik
    left join master as mc on mc.kode = c.kode_desa_crosswalk
    left join master as md on md.kode = c.kode_desa_identitas_crosswalk
)
,

resolved as (
    select
        kode_idm,
        id_desa,
        nama_desa_idm,
        nama_kabupaten_idm,
        n_id_desa,
        ada_di_crosswalk,
        kode_desa_crosswalk,
        nama_desa_crosswalk,
        case when kode_desa_crosswalk is not null then kemiripan_crosswalk end as kemiripan_crosswalk,
        kode_desa_identitas,
        nama_desa_identitas,
        case when kode_desa_identitas is not null then kemiripan_identitas end as kemiripan_identitas,
        kode_desa_identitas_crosswalk,
        case when kode_desa_identitas_crosswalk is not null then kemiripan_identitas_crosswalk end
            as kemiripan_identitas_crosswalk,
        case
            when kode_desa_identitas is not null and kemiripan_identitas >= {{ min_similarity }} then kode_desa_identitas
            when kode_desa_identitas_crosswalk is not null and kemiripan_identitas_crosswalk >= {{ min_similarity }}
                then kode_desa_identitas_crosswalk
            when kode_desa_crosswalk is not null and kemiripan_crosswalk >= {{ min_similarity }} then kode_desa_crosswalk
        end as kode_desa,
        case
            when
                kode_desa_identitas is not null and kemiripan_identitas >= {{ min_similarity }}
                and kode_desa_identitas = kode_desa_crosswalk then 'identitas_dan_crosswalk'
            when kode_desa_identitas is not null and kemiripan_identitas >= {{ min_similarity }} then 'identitas'
            when kode_desa_identitas_crosswalk is not null and kemiripan_identitas_crosswalk >= {{ min_similarity }}
                then 'identitas_via_crosswalk'
            when kode_desa_crosswalk is not null and kemiripan_crosswalk >= {{ min_similarity }} then 'crosswalk'
            else 'unresolved'
        end as metode,
        coalesce(kode_desa_identitas <> kode_desa_crosswalk, false) as kode_berbeda,
        case
            when kode_desa_identitas is not null and kemiripan_identitas >= {{ min_similarity }} then null
            when
                kode_desa_identitas_crosswalk is not null
                and kemiripan_identitas_crosswalk >= {{ min_similarity }} then null
            when kode_desa_crosswalk is not null and kemiripan_crosswalk >= {{ min_similarity }} then null
            when kode_desa_identitas is null and kode_desa_crosswalk is null and kode_desa_identitas_crosswalk is null
                then 'id_desa ' || id_desa_bertitik || ' is not in the current master and the crosswalk has no current code'
            else 'the current names of the candidate codes differ from the IDM name ' || nama_desa_idm
        end as alasan
    from scored
)

select
    * exclude (kode_desa, metode, alasan),
    -- Never guess: a current village claimed by two IDM codes is given to neither.
    case when count(kode_desa) over (partition by kode_desa) = 1 then kode_desa end as kode_desa,
    case when count(kode_desa) over (partition by kode_desa) > 1 then 'unresolved' else metode end as metode,
    case
        when count(kode_desa) over (partition by kode_desa) > 1
            then
                'conflict: ' || kode_desa || ' is claimed by ' || count(kode_desa) over (partition by kode_desa)
                || ' IDM codes'
        else alasan
    end as alasan
from resolved
