// A torrent's files as a folder tree with checkboxes and sizes. Built once in O(files) and
// kept flat (nodes in a vector, folders with cached counts), so 20,000 files open at once.
#pragma once

#include <QAbstractItemModel>
#include <cstdint>
#include <string>
#include <vector>

namespace pico::gui {

/// One file to show, with its index in the host's file list.
struct file_row {
    /// Index for host::set_file_priorities.
    std::int32_t index = 0;
    /// '/'-separated path inside the torrent.
    std::string path;
    /// Size in bytes.
    std::int64_t size = 0;
    /// Download priority 0..7 (0 = skip).
    std::uint8_t priority = 4;
    /// 0.0..1.0, shown when has_progress.
    double progress = 0.0;
};

/// Columns: name (with checkbox), size, and optionally progress and priority.
class file_tree_model final : public QAbstractItemModel {
    Q_OBJECT
  public:
    /// `with_progress` adds the progress and priority columns (details pane).
    explicit file_tree_model(bool with_progress = false, QObject* parent = nullptr);

    /// Replaces the tree. `total_files` is the size of the priority vector (pad files included).
    void set_files(std::vector<file_row> const& files, std::int32_t total_files);
    /// One priority per file index (hidden pad files keep theirs).
    std::vector<std::uint8_t> priorities() const;
    /// Checks or unchecks the files whose index is in `indices` (filters' results).
    void set_wanted(std::vector<std::int32_t> const& indices, bool wanted);
    /// Every file's path in set_files order, and the index for each.
    std::vector<std::string> paths() const;
    /// Host indices in paths() order.
    std::vector<std::int32_t> indices() const;
    /// Sum of the sizes of checked files.
    std::int64_t wanted_size() const;
    /// Downloaded bytes by host file index (host::file_progress): fills the progress column of
    /// files and folders with one dataChanged per folder, not per file.
    void set_progress(std::vector<std::int64_t> const& bytes_by_index);
    /// Downloaded bytes of a node as last set (tests); -1 before set_progress.
    std::int64_t done_bytes(QModelIndex const& index) const;

    QModelIndex index(int row, int column, QModelIndex const& parent = {}) const override;
    QModelIndex parent(QModelIndex const& child) const override;
    int rowCount(QModelIndex const& parent = {}) const override;
    int columnCount(QModelIndex const& parent = {}) const override;
    QVariant data(QModelIndex const& index, int role) const override;
    bool setData(QModelIndex const& index, QVariant const& value, int role) override;
    Qt::ItemFlags flags(QModelIndex const& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

  signals:
    /// Emitted after the user changed a checkbox or a priority.
    void priorities_changed();

  private:
    struct node {
        QString name;
        std::int32_t parent = -1;
        std::int32_t row = 0;
        std::vector<std::int32_t> children;
        std::int32_t file = -1; // index into m_files, -1 for a folder
        std::int64_t size = 0;
        std::int32_t files_below = 0;
        std::int32_t wanted_below = 0;
        std::int64_t done = 0; // bytes downloaded here and below, once m_progress_known
    };
    void set_file_wanted(std::int32_t node_id, bool wanted);
    void set_subtree(std::int32_t node_id, bool wanted);
    void emit_ancestors(std::int32_t node_id);
    node const& node_of(QModelIndex const& index) const;

    bool m_with_progress;
    std::vector<node> m_nodes; // m_nodes[0] is the invisible root
    std::vector<file_row> m_files;
    std::int32_t m_total_files = 0;
    bool m_progress_known = false;
};

} // namespace pico::gui
