# Builds the action's image from source, for people who build their own. The released action pulls
# the prebuilt Jib image instead (scripts/build-image), which has the same JVM flags.
# The bases are pinned by digest; CI builds this file with local stand-ins passed as build args.
ARG BUILD_IMAGE=maven:3.9.11-eclipse-temurin-17@sha256:e4a7ace3dc0d645ed97f8d9ad0b0d3f0b14fa8d150138f27f116d7105a639b82
ARG RUNTIME_IMAGE=eclipse-temurin:17.0.16_8-jre-noble@sha256:88665729998a41823f35092c95d574581719371a0f21f62d31a9ccf506b199c6

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY pom.xml .
COPY src src
RUN mvn -B -q package -DskipTests

FROM ${RUNTIME_IMAGE}
# Root, as the runner's file-command files require.
USER root
COPY --from=build /src/target/lib /app/lib
COPY --from=build /src/target/provenance-action.jar /app/provenance-action.jar
# The JVM flags of the Jib image (pom.xml explains them).
COPY src/main/jvm/image.flags /app/jvm/image.flags
# Record the application class-data archive with one ephemeral run (exec form: no shell needed).
RUN --mount=type=tmpfs,target=/train ["java", "@/app/jvm/image.flags", "-Xlog:cds*=error", \
  "-XX:ArchiveClassesAtExit=/app/app.jsa", "-jar", "/app/provenance-action.jar", \
  "generate", "--sigstore", "ephemeral", "--output-dir", "/train", "--subject-base64", \
  "NWZlY2ViNjZmZmM4NmY2ZDZhOGI0YzRkYmM3NmY2ZGE3NTZjOTI0MjZkNGJmOTA5Mjg2YjJmNzgxOTMwMzM5MiAgcGtnLTEuMC4wLXB5My1ub25lLWFueS53aGwK"]
ENTRYPOINT ["java", "@/app/jvm/image.flags", "-XX:SharedArchiveFile=/app/app.jsa", "-jar", \
  "/app/provenance-action.jar"]
