"""A small real test suite whose runs give every status subunit knows, for the test-history tests."""

import time
import unittest


class Arithmetic(unittest.TestCase):

    def test_adds(self):
        self.assertEqual(2, 1 + 1)

    def test_compares(self):
        self.assertEqual(3, 1 + 1)

    def test_divides_by_zero(self):
        self.assertEqual(0, 1 / 0)

    @unittest.skip("not on this platform")
    def test_skipped(self):
        self.fail("skipped tests do not run")

    @unittest.expectedFailure
    def test_known_bug(self):
        self.assertTrue(False)

    @unittest.expectedFailure
    def test_fixed_bug(self):
        self.assertTrue(True)

    def test_slow(self):
        time.sleep(0.3)


class HostileText(unittest.TestCase):

    def test_says_script(self):
        self.fail("<script>alert('x')</script> & \u00e9\u00e8 \u2603")

    def test_passes_many(self):
        for i in range(100):
            with self.subTest(i=i):
                self.assertGreaterEqual(i, 0)
