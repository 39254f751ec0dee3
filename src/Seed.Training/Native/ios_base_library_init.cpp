// GCC 13+ makes every translation unit that includes <iostream> call std::ios_base_library_init(), a function
// first exported by libstdc++ 6.0.32 (GLIBCXX_3.4.32). The libLibTorchSharp.so shipped in TorchSharp 0.107 was
// built that way, so it cannot load on Debian 12 (libstdc++ 6.0.30). On older libstdc++ the standard streams are
// initialised by the static ios_base::Init objects of libtorch itself, so an empty definition is all that is needed.
namespace std
{
void ios_base_library_init() {}
}
