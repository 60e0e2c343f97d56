/*
 * An empty ICU data library (ICU's own "stubdata" configuration), built by
 * build/baipishu.spec in place of Qt's 32 MB libicudata.so.
 *
 * Why: Qt links ICU for collation, time zones and legacy text codecs, none of
 * which Baipishu uses (sorting, decoding and normalisation happen in Python;
 * Qt's text layout and line breaking use Qt's own Unicode tables). ICU's
 * case, normalisation and property data are compiled into libicuuc itself,
 * so only the optional data package goes; anything that needs it gets
 * ICU's missing-resource error. (That is the reasoning; what the build
 * checks is the app's self-test and smoke test.)
 *
 * The layout is ICU's ICU_Data_Header (common/ucmndata.h): a 32-byte data
 * header whose table of contents holds no entries.
 */
#include <stdint.h>

#ifndef ICU_DATA_SYMBOL
#define ICU_DATA_SYMBOL icudt73_dat
#endif

struct icu_data_header {
    uint16_t header_size;
    uint8_t magic1, magic2;
    /* UDataInfo */
    uint16_t info_size, info_reserved;
    uint8_t is_big_endian, charset_family, sizeof_uchar, reserved_byte;
    uint8_t data_format[4], format_version[4], data_version[4];
    char padding[8];
    uint32_t count, reserved;
    int fake_name_and_data[4];
};

__attribute__((visibility("default"), aligned(16)))
const struct icu_data_header ICU_DATA_SYMBOL = {
    32, 0xda, 0x27,
    20, 0,
    0 /* little endian */, 0 /* ASCII family */, 2 /* sizeof(UChar) */, 0,
    {0x54, 0x6f, 0x43, 0x50} /* "ToCP" */, {1, 0, 0, 0}, {0, 0, 0, 0},
    {0, 0, 0, 0, 0, 0, 0, 0},
    0, 0,
    {0, 0, 0, 0},
};
