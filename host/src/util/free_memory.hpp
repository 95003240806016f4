// Hands memory the allocator keeps after a burst (restoring thousands of torrents parses and
// frees tens of MiB) back to the system, so the host's resident size reflects what it uses.
#pragma once

namespace pico::util {

/// Returns free heap pages to the system (glibc's malloc_trim); a no-op elsewhere.
void release_free_memory();

} // namespace pico::util
