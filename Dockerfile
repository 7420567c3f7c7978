# The harness as an image, from scratch: nothing is pulled. One image is both
# the reference SCIM server (its default command, `serve`) and the harness
# (`run --target URL`, `selfcheck`, any subcommand). Its build context is
# made by `make image` (internal/imagectx): the static binary from the host,
# and rootfs/ with /tmp (mode 1777), the build machine's CA certificates,
# and /etc/passwd and /etc/group naming the non-root user it runs as.
FROM scratch
COPY rootfs/ /
COPY scimharness /scimharness
LABEL io.scimharness.reference="true" \
      org.opencontainers.image.title="scimharness" \
      org.opencontainers.image.description="Okta SCIM 2.0 conformance harness and Zinc's reference SCIM server"
ENV TMPDIR=/tmp
USER 65532:65532
WORKDIR /tmp
EXPOSE 8080
ENTRYPOINT ["/scimharness"]
CMD ["serve", "--addr", "0.0.0.0:8080"]
