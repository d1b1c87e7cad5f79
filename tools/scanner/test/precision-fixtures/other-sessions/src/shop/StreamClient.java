package shop;

/** Our own HTTP/3 stream client: its QUIC session has a client side. */
public class StreamClient {
    private final QuicSession quic;

    StreamClient(QuicSession quic) {
        this.quic = quic;
    }

    Parser parser() {
        return new Parser(quic.getSessionClient(), quic.getDecoder());
    }
}
