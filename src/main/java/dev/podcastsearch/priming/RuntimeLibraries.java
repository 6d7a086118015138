package dev.podcastsearch.priming;

import java.util.Map;

import org.jboss.logging.Logger;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.GsonFactory;

/**
 * Warms what Lambda's Java runtime does for an invocation with its own libraries, as far as their public API reaches;
 * the runtime client itself is left alone. Those libraries are on the runtime's class path, which the function's class
 * loader asks first, so the classes loaded here are the very ones the runtime client uses.
 * <ul>
 * <li>An invocation that carries a client context (the {@code Lambda-Runtime-Client-Context} header, sent for callers
 * that pass one, such as the mobile SDKs) or a Cognito identity is read with the Gson serializer of
 * aws-lambda-java-serialization ({@code GsonFactory.getInstance().getSerializer(type)}), whose classes no other
 * invocation loads: about 160 of them on the first such invocation. Here the same factory reads the same JSON into
 * classes of the same shape as the runtime client's own, often enough for the JIT to compile it; only the runtime
 * client's two classes are left for Gson to inspect on that invocation.</li>
 * <li>The classes of those libraries that the runtime client loads on its first invocation (two from
 * aws-lambda-java-core, one of them the interface a client context's client implements, and one from the AWS SDK's
 * utils-lite, which hands the X-Ray trace id to the SDK) are loaded by name, which runs nothing of theirs but their
 * static initializers.</li>
 * </ul>
 * A runtime without one of these libraries (another runtime client) only leaves its part unwarmed.
 */
final class RuntimeLibraries {

    private static final Logger LOG = Logger.getLogger(RuntimeLibraries.class);
    // As the client-context path is otherwise never taken, what it runs is compiled only if it runs more than the JIT's
    // threshold of some 200 calls here.
    private static final int READS = 250;
    private static final String CLIENT_CONTEXT = """
            {"client": {"installation_id": "priming", "app_title": "Priming", "app_version_name": "1.0",
             "app_version_code": "1", "app_package_name": "dev.podcastsearch.priming"},
             "custom": {"priming": "true"}, "env": {"platform": "Android", "make": "priming", "model": "priming",
             "platform_version": "14", "locale": "en_US"}}""";
    private static final String COGNITO_IDENTITY = """
            {"cognitoIdentityId": "us-east-1:priming", "cognitoIdentityPoolId": "us-east-1:priming-pool"}""";
    private static final String[] LOADED_ON_FIRST_INVOCATION = {
            "com.amazonaws.services.lambda.runtime.LambdaRuntimeInternal",
            "software.amazon.awssdk.utilslite.SdkInternalThreadLocal",
            "com.amazonaws.services.lambda.runtime.Client" };

    private RuntimeLibraries() {
    }

    static void prime() {
        for (String name : LOADED_ON_FIRST_INVOCATION) {
            try {
                Class.forName(name, true, RuntimeLibraries.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                LOG.debugf("%s is not on this runtime's class path; not loaded before the snapshot", name);
            }
        }
        try {
            readClientContexts();
        } catch (LinkageError e) {
            LOG.infof("the runtime's serializer (aws-lambda-java-serialization) is not on its class path; the first"
                    + " invocation with a client context or Cognito identity will load it");
        }
    }

    private static void readClientContexts() {
        PojoSerializer<ClientContext> contexts = GsonFactory.getInstance().getSerializer(ClientContext.class);
        PojoSerializer<CognitoIdentity> identities = GsonFactory.getInstance().getSerializer(CognitoIdentity.class);
        for (int i = 0; i < READS; i++) {
            ClientContext context = contexts.fromJson(CLIENT_CONTEXT);
            CognitoIdentity identity = identities.fromJson(COGNITO_IDENTITY);
            if (context.client == null || context.env.isEmpty() || identity.cognitoIdentityId == null) {
                throw new IllegalStateException("the runtime's serializer read a client context or Cognito identity"
                        + " without its members, so it took another path than the runtime client's");
            }
        }
    }

    // Shaped as the runtime client's LambdaClientContext, LambdaClientContextClient and LambdaCognitoIdentity (not
    // records: Gson reads those another way): mutable fields and a no-argument constructor, the JSON's member names as
    // field names, and for the identity final fields and no such constructor, which Gson fills without calling one.

    @SuppressWarnings("unused")
    private static final class ClientContext {
        private Client client;
        private Map<String, String> custom;
        private Map<String, String> env;
    }

    @SuppressWarnings("unused")
    private static final class Client {
        private String installation_id;
        private String app_title;
        private String app_version_name;
        private String app_version_code;
        private String app_package_name;
    }

    private static final class CognitoIdentity {
        private final String cognitoIdentityId;
        private final String cognitoIdentityPoolId;

        private CognitoIdentity(String cognitoIdentityId, String cognitoIdentityPoolId) {
            this.cognitoIdentityId = cognitoIdentityId;
            this.cognitoIdentityPoolId = cognitoIdentityPoolId;
        }
    }
}
