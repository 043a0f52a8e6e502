//! Misuse of the generated `shop` crate: each line marked `// error` must
//! be exactly one compile error. `tests/rust_client/mod.rs` compiles the
//! file once per marked line, with the other marked lines left out. The
//! crate is built with the `ws` feature: `client` has no socket, `ws` has.

use shop_client::client::{
    CatalogParams, ChatChannel, PlaceOrderArgs, UpdateProfileArgs, UserParams,
};
use shop_client::http::HttpTransport;
use shop_client::types::{OrderLine, OrderStatus, Role};
use shop_client::ws::WsTransport;
use shop_client::Client;

pub async fn misuse(client: Client<HttpTransport>, ws: Client<WsTransport<HttpTransport>>) {
    let _ = UpdateProfileArgs { user_id: 5, name: "Ada".to_owned() }; // error
    let _ = UpdateProfileArgs::new(5); // error
    let _ = UpdateProfileArgs::new(5, "Ada"); // error
    let _ = PlaceOrderArgs::new(5, vec![]).with_note(None); // error
    let _ = UserParams::new(5).with_status(Some(OrderStatus::Paid)); // error
    let _ = CatalogParams::new().with_nope(1); // error
    let _ = client.update_profile(UpdateProfileArgs::new(5, "Ada".to_owned())).await; // error
    let _ = client.fetch_user(&CatalogParams::new()).await; // error
    let _ = client.call(&UserParams::new(5)); // error
    let _ = client.fetch(&UpdateProfileArgs::new(5, "Ada".to_owned())); // error
    let _ = OrderLine { product: "not a uuid".to_owned(), quantity: 1 }; // error
    let _: Option<Role> = client.fetch_user(&UserParams::new(5)).await.unwrap().user_profile.role; // error
    match Role::Member { Role::Admin | Role::Member | Role::ReadOnly | Role::Unknown(_) => {} } // error
    let _ = client.with_header("X-Request-Id", 7); // error
    let _ = client.subscribe_announcements().await; // error
    let _ = ws.subscribe_announcements().await.unwrap().send(&"hi".to_owned()).await; // error
    let _ = ws.subscribe_chat(&ChatChannel::new("lobby".to_owned())).await.unwrap().send(&"hi".to_owned()).await; // error
    let _: i64 = ws.subscribe_announcements().await.unwrap().receive().await.unwrap(); // error
    let _ = ws.subscribe_chat(&UserParams::new(5)).await; // error
}
