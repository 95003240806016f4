// The QTest classes of gui_qtest; gui_test_main.cpp runs each.
#pragma once

#include <QObject>

/// Models: torrent list, filters, file tree, metainfo parsing, formatting.
class gui_models_test final : public QObject {
    Q_OBJECT
  private slots:
    void status_text_names_every_reference_code();
    void list_model_follows_added_updated_removed();
    void filter_model_filters_by_name_and_status_and_sorts_numerically();
    void name_sort_is_natural_and_follows_renames();
    void file_tree_of_20000_files_checks_and_keeps_pad_indices();
    void metainfo_parses_v1_multi_file_with_pad_files();
    void metainfo_refuses_garbage_with_one_line();
    void config_view_reads_show_add_torrent_dialog_and_proxy_force();
};

/// The main window and dialogs against the SDK's fake host.
class gui_window_test final : public QObject {
    Q_OBJECT
  private slots:
    void title_and_accessible_names();
    void ctrl_a_then_delete_removes_keeping_data();
    void shift_delete_asks_once_and_enter_confirms();
    void add_dialog_include_filter_and_priorities();
    void torrent_added_without_dialog_when_disabled();
    void column_choice_is_remembered();
    void single_instance_listener_answers_and_hands_over();
    void details_files_checkbox_sets_file_priorities();
    void before_restore_arguments_wait_for_the_first_snapshot_and_its_services();
};

/// Preferences, drag and drop, and the details pane's per-file progress.
class gui_dialog_test final : public QObject {
    Q_OBJECT
  private slots:
    void preferences_reads_config_and_saves_changed_values();
    void preferences_shows_refusal_inline_and_keeps_it_unsaved();
    void dropping_a_torrent_file_adds_it_without_dialog_when_disabled();
    void dropping_a_torrent_file_opens_the_add_dialog();
    void details_file_tree_shows_per_file_progress();
    void ctrl_comma_opens_preferences_while_the_host_thread_is_busy();
    void restored_torrents_reach_the_window_as_one_batch_in_order();
};

/// The Create torrent dialog against a host double that hashes on a thread of its own.
class gui_create_test final : public QObject {
    Q_OBJECT
  private slots:
    void create_sends_the_request_shows_progress_and_seeds();
    void cancel_stops_hashing_and_adds_nothing();
    void host_refusal_is_shown();
};
