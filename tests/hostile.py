"""Hostile values for property-based tests, and a snapshot of stored rows."""

from hypothesis import strategies as st

CONTROL = "".join(chr(c) for c in range(0, 32)) + "\x7f\u200b\u202e\ufeff\ud7ff"
MARKUP = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }}{% debug %}",
    '=HYPERLINK("http://evil")',
    "'; DROP TABLE reporting_answer; --",
    "../../etc/passwd",
    "%00%0d%0a",
]

hostile_text = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=CONTROL, max_size=50),
    st.sampled_from(MARKUP),
    st.integers().map(str),
    st.floats(allow_nan=True).map(str),
    # Large values, up to what the request size limit lets through.
    st.integers(min_value=10_000, max_value=400_000).map(lambda n: "x" * n),
)

id_like = st.one_of(
    st.integers(min_value=-5, max_value=10**12).map(str),
    st.sampled_from(["", "0", "1.5", "1e3", " 1", "١٢", "0x10", "None", "[]"]),
    hostile_text,
)


def rows(*querysets) -> list:
    """Every stored value of the querysets, to compare before and after a request."""
    return [list(qs.order_by("pk").values()) for qs in querysets]
