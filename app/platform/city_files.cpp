#include "platform/city_files.hpp"

#include "platform/files.hpp"

namespace almere::platform {

Result<CitySource> readCitySource(const std::string& cityDir) {
    SourceFile files[4] = {{cityDir + "/wijken.geojson", ""},
                           {cityDir + "/stadsdelen.geojson", ""},
                           {cityDir + "/water.geojson", ""},
                           {cityDir + "/character.json", ""}};
    for (SourceFile& f : files)
        if (!readFile(f.name, f.text))
            return Result<CitySource>::failure(f.name + ": cannot read the file");
    return parseCitySource(files[0], files[1], files[2], files[3]);
}

} // namespace almere::platform
