"""The corpus of damaged landing inputs: every declared source x every defect class of its format.

- `samples`: a small good landing folder per source, in its official format;
- `cases`: the defect classes (each with the one behaviour docs/ARCHITECTURE.md promises), the file
  of each source they damage, and the cases;
- `runner`: one case through `resolve_landing` and the source's `parse`, its outcome classified;
- `report`: the outcomes as Markdown tables (`python -m tests.corpus` prints them);
- `test_corpus`: every case asserts its defect class's behaviour.
"""
