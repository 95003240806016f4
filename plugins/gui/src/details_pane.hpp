// The details pane under the list: overview, files (tree with sizes and priorities that can
// be changed), peers and trackers of the selected torrent.
#pragma once

#include "file_tree_model.hpp"
#include "host_link.hpp"

#include <QTabWidget>

class QLabel;
class QTableWidget;

namespace pico::gui {

/// What the host thread read about one torrent.
struct torrent_details {
    sdk::torrent_snapshot torrent;
    std::vector<sdk::file_entry> files;
    std::vector<sdk::peer_entry> peers;
    std::vector<sdk::tracker_entry> trackers;
    /// Downloaded bytes per file, in `files` order of host::files() (host::file_progress).
    std::vector<std::int64_t> file_progress;
};

/// Shows one torrent; host calls go through host_link.
class details_pane final : public QTabWidget {
    Q_OBJECT
  public:
    explicit details_pane(host_link& link, QWidget* parent = nullptr);
    /// Shows `d`; the file tree is rebuilt only when the torrent changed or `with_files`; its
    /// progress column follows d.file_progress every time.
    void show_details(torrent_details const& d, bool with_files);
    /// Empties every tab (nothing selected).
    void clear_details();
    /// The torrent shown, empty when none.
    std::string const& shown() const { return m_hash; }
    /// The files tree (tests).
    file_tree_model* files() const { return m_files; }

  private:
    host_link& m_link;
    std::string m_hash;
    std::vector<std::int32_t> m_file_indices; // host index of each host::files() entry shown
    QLabel* m_overview;
    file_tree_model* m_files;
    QTableWidget* m_peers;
    QTableWidget* m_trackers;
};

} // namespace pico::gui
