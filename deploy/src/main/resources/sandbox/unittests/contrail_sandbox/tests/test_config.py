"""The sandbox project's unit tests: real tests that stestr runs for each unit-test build.

SANDBOX_BROKEN=1 breaks the code a failed build tested; SANDBOX_FLIP=1 makes the flaky test fail,
as a race would.
"""

import ipaddress
import os
import time
import unittest


def allocate_route_target(asn, number):
    if os.environ.get("SANDBOX_BROKEN") == "1":
        return "target:%d:%d" % (asn, number - 1)
    return "target:%d:%d" % (asn, number)


class RouteTargetTest(unittest.TestCase):

    def test_allocate(self):
        self.assertEqual("target:64512:8000001", allocate_route_target(64512, 8000001))

    def test_allocate_many(self):
        targets = {allocate_route_target(64512, n) for n in range(8000000, 8002000)}
        self.assertEqual(2000, len(targets))


class VirtualNetworkTest(unittest.TestCase):

    def test_subnet_contains_gateway(self):
        subnet = ipaddress.ip_network("10.1.0.0/24")
        self.assertIn(ipaddress.ip_address("10.1.0.1"), subnet)

    def test_ipv6_subnet(self):
        subnet = ipaddress.ip_network("fd00:10::/64")
        self.assertEqual(2 ** 64, subnet.num_addresses)

    @unittest.skip("needs a running API server")
    def test_create_with_api_server(self):
        self.fail("not run in unit tests")

    @unittest.expectedFailure
    def test_overlapping_subnets_refused(self):
        self.assertTrue(ipaddress.ip_network("10.1.0.0/24").overlaps(ipaddress.ip_network("10.2.0.0/24")))


class XmppChannelTest(unittest.TestCase):

    def test_reconnect_after_timeout(self):
        time.sleep(0.05)
        self.assertNotEqual("1", os.environ.get("SANDBOX_FLIP"), "connection to 10.0.0.2 lost before the keepalive")

    def test_schema_transformer_resync(self):
        time.sleep(0.4)
        self.assertTrue(True)
