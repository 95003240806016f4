# Installs the CMake package that plugin authors use:
#   find_package(PicoTorrent) ; pico_add_plugin(...)
include(CMakePackageConfigHelpers)

install(EXPORT PicoTorrentTargets NAMESPACE PicoTorrent:: DESTINATION ${PICO_INSTALL_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/PicoTorrentConfig.cmake.in
    ${PROJECT_BINARY_DIR}/PicoTorrentConfig.cmake
    INSTALL_DESTINATION ${PICO_INSTALL_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/PicoTorrentConfigVersion.cmake
    VERSION ${PICO_SDK_VERSION_STRING} COMPATIBILITY SameMajorVersion)
install(FILES
    ${PROJECT_BINARY_DIR}/PicoTorrentConfig.cmake
    ${PROJECT_BINARY_DIR}/PicoTorrentConfigVersion.cmake
    ${PROJECT_SOURCE_DIR}/cmake/PicoTorrentPlugin.cmake
    DESTINATION ${PICO_INSTALL_CMAKE_DIR})
