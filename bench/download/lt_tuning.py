"""libtorrent settings the benchmark's Python clients share: the network rule, and the "tuned"
baseline (libtorrent's own high_performance_seed() preset plus the knobs that mattered for a
loopback transfer on this kind of machine, issue 13).

The tuned baseline is libtorrent's own throughput preset with every knob issue 13 names turned
up (deeper than what `picotorrent download` uses), so that "at or above a tuned libtorrent" is
measured against libtorrent's best-known settings rather than its defaults.
"""
import libtorrent as lt

MIB = 1 << 20


def network_rule():
    """What every benchmark session needs: 127.0.0.1 only, no DHT, LSD, UPnP or NAT-PMP."""
    return {
        "listen_interfaces": "127.0.0.1:0",
        "enable_dht": False,
        "enable_lsd": False,
        "enable_upnp": False,
        "enable_natpmp": False,
        "alert_mask": lt.alert.category_t.error_notification | lt.alert.category_t.status_notification,
    }


def tuned():
    """high_performance_seed() plus deeper queues and buffers, over TCP."""
    s = dict(lt.high_performance_seed())
    s.update({
        # Received bytes waiting for the disk; when full, libtorrent stops reading the socket.
        "max_queued_disk_bytes": 64 * MIB,
        # Let the kernel keep more in flight per connection than its autotuned default.
        "send_socket_buffer_size": 4 * MIB,
        "recv_socket_buffer_size": 4 * MIB,
        # Enough outstanding 16 KiB requests to cover the bandwidth-delay product at GB/s.
        "max_out_request_queue": 4000,
        "max_allowed_in_request_queue": 4000,
        # One read may bring in many blocks from a fast peer.
        "max_peer_recv_buffer_size": 16 * MIB,
        # Piece hashing beside the network thread (the leecher's main CPU cost after the copy).
        "hashing_threads": 2,
        # uTP's delay-based congestion control reads a busy machine's scheduling delay as queueing.
        "enable_outgoing_utp": False,
        # One peer on 127.0.0.1 that may come back through a tracker as well.
        "allow_multiple_connections_per_ip": True,
    })
    return s


def settings(kind):
    """The settings of a "default" (libtorrent's defaults, TCP out), "utp" (libtorrent's defaults:
    uTP first) or "tuned" client, with the network rule applied last."""
    if kind == "tuned":
        s = tuned()
    elif kind == "default":
        s = {"enable_outgoing_utp": False}
    elif kind == "utp":
        s = {}
    else:
        raise ValueError("unknown kind " + kind)
    s.update(network_rule())
    return s
