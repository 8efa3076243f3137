# The GoogleTest suite: one test file per source file, mirroring src/. Fixtures that must be
# generated (PDFs, bad inputs) are written into the build tree by the scripts in scripts/.
find_package(GTest REQUIRED)
include(GoogleTest)

set(SENDSCAN_FIXTURES ${PROJECT_BINARY_DIR}/fixtures)
add_custom_command(
  OUTPUT ${SENDSCAN_FIXTURES}/letter.pdf ${SENDSCAN_FIXTURES}/bad/truncated.pdf
         ${SENDSCAN_FIXTURES}/bad/valid.pdf ${SENDSCAN_FIXTURES}/bad/corrupt.pdf
         ${SENDSCAN_FIXTURES}/bad/encrypted.pdf
  COMMAND ${CMAKE_COMMAND} -E make_directory ${SENDSCAN_FIXTURES}/bad
  COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/scripts/render_pdf.py
          ${PROJECT_SOURCE_DIR}/tests/fixtures/letter.txt ${SENDSCAN_FIXTURES}/letter.pdf
  COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/scripts/make_bad_pdfs.py
          ${SENDSCAN_FIXTURES}/bad
  DEPENDS ${PROJECT_SOURCE_DIR}/scripts/render_pdf.py ${PROJECT_SOURCE_DIR}/scripts/make_bad_pdfs.py
          ${PROJECT_SOURCE_DIR}/tests/fixtures/letter.txt
  COMMENT "Generating PDF test fixtures")
add_custom_target(sendscan_fixtures DEPENDS ${SENDSCAN_FIXTURES}/letter.pdf)

add_executable(sendscan_tests
  tests/test_main.cpp
  tests/ingest/ascii_test.cpp
  tests/ingest/encoding_icu_test.cpp
  tests/ingest/html_clutter_test.cpp
  tests/ingest/html_flatten_test.cpp
  tests/ingest/html_reader_gumbo_test.cpp
  tests/ingest/pdf_layout_test.cpp
  tests/ingest/pdf_reader_poppler_test.cpp
  tests/ingest/read_test.cpp
  tests/ingest/sniff_test.cpp
  tests/ingest/text_reader_test.cpp
  tests/ingest/utf8_test.cpp
  tests/lexicon/load_test.cpp
  tests/lexicon/pattern_starts_test.cpp
  tests/lexicon/phrase_matcher_test.cpp
  tests/lexicon/tokens_test.cpp
  tests/lexicon/vocabulary_test.cpp
  tests/normalise/characters_test.cpp
  tests/normalise/clutter_test.cpp
  tests/normalise/dates_test.cpp
  tests/normalise/metadata_test.cpp
  tests/normalise/normalise_test.cpp
  tests/normalise/paragraphs_test.cpp
  tests/normalise/sentences_icu_test.cpp
  tests/cli/ingest_pipeline_test.cpp
  tests/cli/progress_test.cpp
  tests/ingest/manifest_test.cpp
  tests/store/migrations_test.cpp
  tests/store/band_index_test.cpp
  tests/store/minhash_test.cpp
  tests/store/sqlite_read_test.cpp
  tests/store/sqlite_statement_test.cpp
  tests/store/sqlite_store_test.cpp
  tests/extract/areas_test.cpp
  tests/extract/contract_json_test.cpp
  tests/extract/contract_parse_test.cpp
  tests/corpus_golden_test.cpp
)
add_dependencies(sendscan_tests sendscan_fixtures sendscan)
target_include_directories(sendscan_tests PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/tests)
target_compile_definitions(sendscan_tests PRIVATE
  SENDSCAN_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
  SENDSCAN_FIXTURES_DIR="${SENDSCAN_FIXTURES}"
  SENDSCAN_SHARED_DIR="${PROJECT_SOURCE_DIR}/../shared"
  SENDSCAN_BINARY="$<TARGET_FILE:sendscan>")
target_compile_options(sendscan_tests PRIVATE ${SENDSCAN_WARNINGS} -Wno-conversion)
target_link_libraries(sendscan_tests PRIVATE sendscan_cli GTest::gtest nlohmann_json::nlohmann_json
  SQLite::SQLite3)
gtest_discover_tests(sendscan_tests DISCOVERY_TIMEOUT 60)

add_test(NAME cli_end_to_end
  COMMAND ${PROJECT_SOURCE_DIR}/tests/cli/extract_cli_test.sh $<TARGET_FILE:sendscan>
          ${PROJECT_SOURCE_DIR} ${SENDSCAN_FIXTURES})
add_test(NAME ingest_cli_end_to_end
  COMMAND ${PROJECT_SOURCE_DIR}/tests/cli/ingest_cli_test.sh $<TARGET_FILE:sendscan>
          ${PROJECT_SOURCE_DIR})
add_test(NAME scripts_python
  COMMAND ${Python3_EXECUTABLE} -m unittest discover -s ${PROJECT_SOURCE_DIR}/tests/scripts -p "test_*.py")
add_test(NAME ingest_crash_safety
  COMMAND ${PROJECT_SOURCE_DIR}/tests/cli/ingest_crash_test.sh $<TARGET_FILE:sendscan>
          ${PROJECT_SOURCE_DIR})
add_test(NAME load_merge_cli_end_to_end
  COMMAND ${PROJECT_SOURCE_DIR}/tests/cli/load_merge_cli_test.sh $<TARGET_FILE:sendscan>
          ${PROJECT_SOURCE_DIR})
add_test(NAME reprocess_cli_end_to_end
  COMMAND ${PROJECT_SOURCE_DIR}/tests/cli/reprocess_cli_test.sh $<TARGET_FILE:sendscan>
          ${PROJECT_SOURCE_DIR})
