// Everything integration tests share: temporary directories, payloads, torrents, loopback
// sessions, a seeder, child processes and bounded waits. Namespace pico::test_support.
#pragma once

#include "support/child_process.hpp"
#include "support/host_config.hpp"
#include "support/loopback.hpp"
#include "support/payload.hpp"
#include "support/seeder.hpp"
#include "support/temp_dir.hpp"
#include "support/torrent_maker.hpp"
#include "support/wait.hpp"
