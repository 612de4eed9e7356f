# looplab: the lab server as a container for Cloud Run, Knative or Kubernetes.
#
#   docker build -t looplab .
#   docker run --rm -p 8080:8080 -e LOOPLAB_MAX_CONCURRENCY=5 looplab
#
# Two stages: Maven builds the fat jar from source; a JRE image runs it. The base images are build
# arguments so an offline build can substitute local ones (Debian/Ubuntu-based: the training step
# below needs bash). JDK 25 because of its AOT cache, which roughly halves the cold start
# (README, "Container and cloud"); the jar itself targets Java 17.
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-25
ARG RUNTIME_IMAGE=eclipse-temurin:25-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /build
COPY pom.xml .
COPY src ./src
RUN mvn -B -q -Dmaven.test.skip=true package

FROM ${RUNTIME_IMAGE}
WORKDIR /app
RUN groupadd --system looplab \
 && useradd --system --gid looplab --home-dir /app --no-create-home --shell /usr/sbin/nologin looplab
COPY --from=build /build/target/looplab.jar /app/looplab.jar
# Cold start: a training run of the server, made now with the same JVM and the same flags as the
# ENTRYPOINT, writes an AOT cache (JDK 25, JEP 483/514): the classes it loaded come back already
# parsed, verified and linked at the next start. A JVM that cannot use the cache warns and goes on.
COPY scripts/train-cds.sh scripts/lib.sh /tmp/scripts/
RUN bash /tmp/scripts/train-cds.sh /app/looplab.jar -- \
      -XX:+UseSerialGC -Xms16m -Xmx128m -Xss256k -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=32m \
      -XX:TieredStopAtLevel=1 -XX:MaxDirectMemorySize=64m -XX:+ExitOnOutOfMemoryError \
      -Dio.netty.allocator.numHeapArenas=1 -Dio.netty.allocator.numDirectArenas=1 \
      -XX:AOTCacheOutput=/app/looplab.aot \
 && rm -r /tmp/scripts \
 && chmod 0444 /app/looplab.jar /app/looplab.aot
USER looplab
# Cloud Run sets PORT; inside a container the server must bind every interface
ENV PORT=8080 \
    LOOPLAB_HOST=0.0.0.0
EXPOSE 8080
# Exec form: java is PID 1 and gets SIGTERM, so the server drains in-flight requests before exiting.
# Flags for a small container, the same as scripts/run-server.sh's (docs/performance.md says why):
# the serial collector (one or two vCPUs), a heap of 16 to 128 MiB (idle needs little; a burst of
# 10,000 connections about 90 MiB), bounded metaspace, code cache and direct memory, C1 only (less
# CPU and memory spent compiling), small thread stacks, one Netty arena, exit on OOM so the platform
# replaces the instance. More flags: JDK_JAVA_OPTIONS; server options: LOOPLAB_* env.
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-Xms16m", "-Xmx128m", "-Xss256k", "-XX:MaxMetaspaceSize=96m", "-XX:ReservedCodeCacheSize=32m", "-XX:TieredStopAtLevel=1", "-XX:MaxDirectMemorySize=64m", "-XX:+ExitOnOutOfMemoryError", "-Dio.netty.allocator.numHeapArenas=1", "-Dio.netty.allocator.numDirectArenas=1", "-XX:AOTCache=/app/looplab.aot", "-jar", "/app/looplab.jar"]
CMD ["server"]
