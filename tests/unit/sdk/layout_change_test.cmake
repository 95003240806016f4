# Shows that tests/unit/sdk/abi_layout.cpp catches a layout change: copies the SDK headers,
# swaps two members of file_entry in the copy, and expects abi_layout.cpp to stop compiling
# with a static assertion. Run with -DCXX=... -DSDK_INCLUDE=... -DLAYOUT_SOURCE=... -DWORK=...
file(REMOVE_RECURSE ${WORK})
file(COPY ${SDK_INCLUDE}/picotorrent DESTINATION ${WORK}/include)
set(header ${WORK}/include/picotorrent/sdk/torrent.hpp)
file(READ ${header} text)
string(FIND "${text}" "    std::int64_t size = 0;\n    /// " has_size)
if(has_size EQUAL -1)
    message(FATAL_ERROR "torrent.hpp changed shape; update layout_change_test.cmake")
endif()
# Move file_entry's priority member before its path (a reorder an editor might do by accident).
string(REGEX REPLACE "(struct file_entry \\{[^}]*)(    /// [^\n]*\n    std::string path;\n)([^}]*)(    /// [^\n]*\n    std::uint8_t priority = 4;\n)"
       "\\1\\4\\2\\3" changed "${text}")
if(changed STREQUAL text)
    message(FATAL_ERROR "could not reorder file_entry in the copy; update layout_change_test.cmake")
endif()
file(WRITE ${header} "${changed}")
execute_process(COMMAND ${CXX} -std=c++17 -fsyntax-only -I${WORK}/include ${LAYOUT_SOURCE}
                RESULT_VARIABLE result ERROR_VARIABLE errors OUTPUT_QUIET)
if(result EQUAL 0)
    message(FATAL_ERROR "abi_layout.cpp compiled against a reordered file_entry")
endif()
if(NOT errors MATCHES "static assertion failed")
    message(FATAL_ERROR "abi_layout.cpp failed for another reason:\n${errors}")
endif()
message(STATUS "a reordered file_entry fails abi_layout.cpp, as it should")
