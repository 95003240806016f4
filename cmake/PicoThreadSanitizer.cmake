# The ThreadSanitizer stage of scripts/test builds only what its tests need: the target
# `thread_sanitizer_tests` depends on the test executables whose code runs on more than one
# thread. Single-threaded unit tests (parsers, config, manifests, the CLI) give TSan nothing to
# see; the ASan stage runs them. A new threaded test executable belongs in this list.
set(PICO_TSAN_TEST_TARGETS
    core_base_test                # the background pool, event bus and logger
    session_integration_test      # the host loop with real libtorrent sessions and plugins
    persistence_test              # resume data from real sessions
    session_recovery_test
    session_status_test
    websocket_server_test         # the WebSocket server thread and its clients
    websocket_auth_throttle_test
    websocket_dashboard_test
    updater_unit_test             # the updater's I/O thread against HTTPS servers
    updater_integration_test
)

function(pico_add_thread_sanitizer_target)
    add_custom_target(thread_sanitizer_tests)
    foreach(t ${PICO_TSAN_TEST_TARGETS})
        if(TARGET ${t})
            add_dependencies(thread_sanitizer_tests ${t})
        endif()
    endforeach()
endfunction()
