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
};

/// Shows one torrent; host calls go through host_link.
class details_pane final : public QTabWidget {
    Q_OBJECT
  public:
    explicit details_pane(host_link& link, QWidget* parent = nullptr);
    /// Shows `d`; the file tree is rebuilt only when the torrent changed or `with_files`.
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
    QLabel* m_overview;
    file_tree_model* m_files;
    QTableWidget* m_peers;
    QTableWidget* m_trackers;
};

} // namespace pico::gui
