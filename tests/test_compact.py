"""builder.compact: indentation goes, what the page shows stays."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.compact import compact_html


def test_indentation_goes_line_breaks_stay() -> None:
    html = '<nav>\n      <ul>\n        <li><a href="x">A</a></li>\n\n      </ul>\n    </nav>'
    assert compact_html(html) == '<nav>\n<ul>\n<li><a href="x">A</a></li>\n</ul>\n</nav>'


def test_inline_spaces_are_kept() -> None:
    html = "<p>un  deux <em>trois</em> quatre</p>"
    assert compact_html(html) == html


def test_verbatim_blocks_are_untouched() -> None:
    pre = "<pre><code>a:\n    b: 1\n      c\n</code></pre>"
    script = "<script>var a = 1; // note\n    var b = 2;\n</script>"
    style = "<STYLE>\n  .x { color: red }\n</STYLE >"
    textarea = '<textarea name="t">\n  keep\n</textarea>'
    html = f"<div>\n  {pre}\n  {script}\n  {style}\n  {textarea}\n</div>"
    assert compact_html(html) == f"<div>\n{pre}\n{script}\n{style}\n{textarea}\n</div>"


def test_no_break_spaces_are_kept() -> None:
    html = "<p>«\n\u00a0oui\u00a0»\n  </p>"
    assert compact_html(html) == "<p>«\n\u00a0oui\u00a0»\n</p>"


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(list("ab<> \t\n\r\f\u00a0")), max_size=60))
def test_same_as_the_definition(text: str) -> None:
    """Any run of white space (not no-break) holding a line break → one line break."""
    assert compact_html(text) == re.sub(r"[ \t\r\f]*\n[ \t\n\r\f]*", "\n", text)
