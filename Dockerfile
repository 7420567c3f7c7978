# The reference SCIM server as an image, from scratch: nothing is pulled.
# Build it with `make image` (a static binary from the host is copied in).
FROM scratch
COPY bin/scimharness /scimharness
LABEL io.scimharness.reference="true" \
      org.opencontainers.image.title="scimharness reference SCIM server" \
      org.opencontainers.image.description="Zinc's documented SCIM 2.0 behaviour, for Okta provisioning tests"
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["/scimharness"]
CMD ["serve", "--addr", "0.0.0.0:8080"]
