package shop;

import org.hibernate.Session;
import org.hibernate.SessionFactory;

/** Our own shop's orders, through Hibernate's current session. */
public class OrderRepository {
    private final SessionFactory sessionFactory;

    OrderRepository(SessionFactory sessionFactory) {
        this.sessionFactory = sessionFactory;
    }

    Order find(long id) {
        Session session = sessionFactory.getCurrentSession();
        return session.get(Order.class, id);
    }
}
