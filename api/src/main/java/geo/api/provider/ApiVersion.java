package geo.api.provider;

/** The two answer shapes of ipgeolocation.io: the flat unversioned one and the nested current one. */
public enum ApiVersion {
    V1("/ipgeo"),
    V2("/v2/ipgeo");

    private final String path;

    ApiVersion(String path) {
        this.path = path;
    }

    String path() {
        return path;
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
