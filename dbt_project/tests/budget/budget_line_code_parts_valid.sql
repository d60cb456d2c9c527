{#- Each line's code parts have their RKA-K/L shape: BA 3 digits, unit among the eight, program two
    letters, kegiatan four digits, KRO three letters, RO three digits, komponen three digits,
    sub-komponen a letter, akun six digits. -#}
select
    revisi,
    kode_satker,
    kode_line,
    nomor_item
from {{ ref('apbn_lines') }}
where not regexp_full_match(
    kode_line,
    '[0-9]{3}\.[0-9]{2}\.[A-Z]{2}\.[0-9]{4}\.[A-Z]{3}\.[0-9]{3}\.[0-9]{3}\.[A-Z]\.[0-9]{6}'
)
or kode_unit not in (select kode_unit from {{ ref('budget_eselon1_units') }})
or kode_ba <> '067'
