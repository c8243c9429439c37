# Builds the action's image from source, for people who build their own. The released action pulls
# the prebuilt Jib image instead (scripts/build-image), which has the same JVM flags.
# The bases are pinned by digest; CI builds this file with local stand-ins passed as build args.
ARG BUILD_IMAGE=maven:3.9.11-eclipse-temurin-17@sha256:e4a7ace3dc0d645ed97f8d9ad0b0d3f0b14fa8d150138f27f116d7105a639b82
ARG RUNTIME_IMAGE=eclipse-temurin:17.0.16_8-jre-noble@sha256:88665729998a41823f35092c95d574581719371a0f21f62d31a9ccf506b199c6
# Where BUILD_IMAGE's JDK lives (its JAVA_HOME): it runs the training's loopback Sigstore doubles.
ARG BUILD_JAVA_HOME=/opt/java/openjdk

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY pom.xml .
COPY src src
# The jar, and for the class-data archive's training the loopback Sigstore doubles of the tests:
# their classes (compiled by package) and dependencies (target/test-lib).
RUN mvn -B -q package -DskipTests \
  && mvn -B -q dependency:copy-dependencies -DincludeScope=test -DoutputDirectory=target/test-lib

FROM ${RUNTIME_IMAGE}
ARG BUILD_JAVA_HOME
# Root, as the runner's file-command files require.
USER root
COPY --from=build /src/target/lib /app/lib
COPY --from=build /src/target/provenance-action.jar /app/provenance-action.jar
# The JVM flags of the Jib image (pom.xml explains them).
COPY src/main/jvm/image.flags /app/jvm/image.flags
# The application class-data archive, trained on the real signing path against loopback doubles
# (scripts/dockerfile-train-cds says how) with the build stage mounted, for its JDK, its shell and
# tools (the runtime may have none: the offline stand-in has no shell) after the runtime's own.
RUN --mount=type=bind,from=build,source=/,target=/build \
  --mount=type=bind,source=scripts/dockerfile-train-cds,target=/train-cds \
  --mount=type=tmpfs,target=/train \
  ["/build/bin/sh", "-c", "PATH=$PATH:/build/usr/bin:/build/bin /build/bin/sh /train-cds \"/build$BUILD_JAVA_HOME/bin/java\" /build/src /train /app/app.jsa"]
ENTRYPOINT ["java", "@/app/jvm/image.flags", "-XX:SharedArchiveFile=/app/app.jsa", "-jar", \
  "/app/provenance-action.jar"]
