from assets.quality.suites import load_suites


def test_every_suite_file_loads() -> None:
    suites = load_suites()
    assert suites and all(s.expectations for s in suites)
