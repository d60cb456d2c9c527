{#- Names from BPS, Kemendagri and the APIs differ in case, punctuation, spacing and in how they
    write numbers (II, DUA, 2). Normalizing to upper-case letters and digits, with numbers as digits,
    lets equal names compare equal without guessing at spelling. -#}
{% macro normalize_name(expression) -%}
    regexp_replace(
        regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
        regexp_replace(regexp_replace(regexp_replace(
            upper(strip_accents({{ expression }})),
            '\b(IV|EMPAT)\b', '4', 'g'),
            '\b(III|TIGA)\b', '3', 'g'),
            '\b(II|DUA)\b', '2', 'g'),
            '\b(I|SATU)\b', '1', 'g'),
            '\b(V|LIMA)\b', '5', 'g'),
            '\bKEP\b\.?', 'KEPULAUAN', 'g'),
            '\bADM\b\.?', 'ADMINISTRASI', 'g'),
            '\bKAB\b\.?', 'KABUPATEN', 'g'),
        '[^A-Z0-9]', '', 'g')
{%- endmacro %}

{#- Letters and digits only, numbers left as written: "TIGA JAYA" and "Tigajaya" agree here although
    normalize_name turns the first into "3JAYA". Matching uses both forms. -#}
{% macro plain_name(expression) -%}
    regexp_replace(upper(strip_accents({{ expression }})), '[^A-Z0-9]', '', 'g')
{%- endmacro %}

{#- Kabupaten/kota names: drop the "Kabupaten"/"Kab." prefix but keep "KOTA", so that Kabupaten
    Sorong and Kota Sorong stay apart. -#}
{% macro normalize_kabupaten_name(expression) -%}
    regexp_replace(
        {{ normalize_name(expression) }},
        '^(KABUPATEN)?(ADMINISTRASI)?', '')
{%- endmacro %}

{#- Similarity of two normalized names in [0, 1]: 1 when equal; at least 0.9 when one is a prefix of
    the other (a renamed "Toba Samosir" -> "Toba", a truncated name); else Jaro-Winkler. -#}
{% macro name_similarity(left, right) -%}
    case
        when {{ left }} = {{ right }} then 1.0
        when least(length({{ left }}), length({{ right }})) >= 4
            and (starts_with({{ left }}, {{ right }}) or starts_with({{ right }}, {{ left }}))
            then greatest(jaro_winkler_similarity({{ left }}, {{ right }}), 0.9)
        else coalesce(jaro_winkler_similarity({{ left }}, {{ right }}), 0.0)
    end
{%- endmacro %}
