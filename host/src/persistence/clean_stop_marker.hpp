// Whether the last host on a state directory stopped cleanly: a marker file that a clean
// shutdown writes as its very last step and that every start removes, so a kill -9, a crash or
// a power cut at any point of a run leaves none behind.
#pragma once

#include <filesystem>

namespace pico::persistence {

/// The file <state_dir>/clean-stop. Written atomically (pico::util::write_file_atomically), so a
/// reader finds the whole marker or none; anything else in its place counts as no marker.
class clean_stop_marker {
  public:
    /// Uses `state_dir`; touches nothing yet.
    explicit clean_stop_marker(std::filesystem::path state_dir);

    /// True when the previous host on this state directory stopped cleanly. Removes the marker
    /// (and syncs the directory), so this run counts as unclean until write(); when the marker
    /// cannot be removed, returns false, since a later crash would otherwise leave it in place.
    /// Never throws.
    bool take() const;

    /// Records a clean stop. Throws std::system_error naming the file on I/O errors.
    void write() const;

    /// Where the marker lives.
    std::filesystem::path const& file() const { return m_file; }

  private:
    std::filesystem::path m_file;
};

} // namespace pico::persistence
