// The "Create torrent" dialog: the GUI side of `picotorrent create`. The host hashes on its
// background pool (host::create_torrent); this dialog only shows progress, can stop it, and
// adds the new torrent to the session to seed when asked.
#pragma once

#include "host_link.hpp"

#include <QDialog>
#include <atomic>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace pico::gui {

/// Title "Create torrent"; modal or not, the GUI thread never hashes.
class create_torrent_dialog final : public QDialog {
    Q_OBJECT
  public:
    explicit create_torrent_dialog(host_link& link, QWidget* parent = nullptr);
    ~create_torrent_dialog() override;

    /// The request the fields describe.
    sdk::create_torrent_request request() const;
    /// Sets the file or folder to share; fills the output path beside it unless one was typed.
    void set_source(QString const& path);
    /// Create: hands the request to the host and shows its progress.
    void start();
    /// Stops a running creation (the host stops at the next piece).
    void cancel();
    /// True from start() until the host's answer arrived.
    bool running() const { return m_job != nullptr; }
    /// The progress bar (tests).
    QProgressBar* progress_bar() const { return m_progress; }
    /// The last outcome line (tests).
    QString outcome() const;

  protected:
    void reject() override;

  private:
    /// What the GUI thread and the hashing thread share for one run.
    struct job {
        std::atomic<bool> stop{false};
        std::atomic<int> shown_permille{-1};
    };
    QWidget* build_form();
    void set_running(bool on);
    void on_done(sdk::create_torrent_result const& result, QString const& seed_error, bool seeded);

    host_link& m_link;
    std::shared_ptr<job> m_job;
    QLineEdit* m_source;
    QLineEdit* m_output;
    bool m_output_typed = false;
    QPlainTextEdit* m_trackers;
    QPlainTextEdit* m_web_seeds;
    QComboBox* m_piece_size;
    QComboBox* m_format;
    QCheckBox* m_private;
    QLineEdit* m_comment;
    QCheckBox* m_overwrite;
    QCheckBox* m_seed;
    QProgressBar* m_progress;
    QLabel* m_outcome;
    QPushButton* m_create;
    QPushButton* m_close;
    QWidget* m_form;
};

} // namespace pico::gui
