import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "heldout", "src"))
from h import Doc
T="""南昌前7个月规上工业增加值增长7.5%

据南昌市统计局消息，1-7月，南昌市规模以上工业增加值同比增长7.5%，增速比上半年加快0.3个百分点，高于全省1.2个百分点。7月当月，全市规上工业增加值增长8.1%，环比增长0.6%。

分行业看，全市38个工业大类行业中有27个行业增加值保持增长，增长面达71.1%。其中，电子信息产业增加值增长15.2%，汽车制造业增长9.8%，医药制造业下降2.4%。新能源汽车产量达3.6万辆，同比增长近两倍；锂离子电池产量增长26.5%。

新动能加快成长。1-7月，全市高技术制造业增加值增长11.3%，占规上工业的比重为37.2%，较上年同期提高2.1个百分点；战略性新兴产业增加值增长9.4%。同期，规上工业企业实现出口交货值426.7亿元，增长4.8%，其中对东盟出口增长两成以上。

分县区看，南昌高新区、南昌经开区规上工业增加值分别增长10.3%和9.6%，进贤县增长6.7%。

工业投资方面，1-7月全市工业投资同比增长12.4%，占全部投资的比重为百分之三十五左右。截至7月底，全市在库规上工业企业达2860家，比去年12月末净增130余家。

工业用电量是观察经济运行的“晴雨表”。据国网南昌供电公司统计，前7个月全市工业用电量为98.6亿千瓦时，同比增长6.9%。

市统计局有关负责人表示，目前全市工业经济运行总体平稳，下一步将密切跟踪重点企业生产经营情况，推动全年工业经济稳中有进。"""
d=Doc("jiangxi-nanchang-2024-jul-industry","2024-08-19",T)
d.meta("南昌前7个月规上工业增加值增长7.5%",None)
P="2024-01/2024-07"
d.place("南昌","南昌市",a="南昌前7个月")
d.date("前7个月",P,a="南昌前7个月")
d.claim("7.5%",7.5,"%","percent","规上工业增加值",{"direction":"up","basis":None},P,"南昌",a="增长7.5%\n")
d.org("南昌市统计局")
d.date("1-7月",P,a="1-7月，南昌市")
d.place("南昌市",a="1-7月，南昌市")
d.claim("7.5%",7.5,"%","percent","规模以上工业增加值","up/yoy",P,"南昌市",a="同比增长7.5%，")
d.date("上半年","2024-H1")
d.claim("0.3个百分点",0.3,"百分点","percentage_point","增速","up/other",P,"南昌市")
d.claim("1.2个百分点",1.2,"百分点","percentage_point","增速","up/other",P,"南昌市")
d.date("7月","2024-07",a="7月当月")
d.claim("8.1%",8.1,"%","percent","规上工业增加值",{"direction":"up","basis":None},"2024-07")
d.claim("0.6%",0.6,"%","percent","规上工业增加值","up/mom","2024-07")
d.claim("38个",38,"个","count","工业大类行业",opt=True)
d.claim("27个",27,"个","count","行业")
d.claim("71.1%",71.1,"%","percent","增长面")
d.claim("15.2%",15.2,"%","percent","电子信息产业增加值",{"direction":"up","basis":None})
d.claim("9.8%",9.8,"%","percent","汽车制造业",{"direction":"up","basis":None})
d.claim("2.4%",2.4,"%","percent","医药制造业",{"direction":"down","basis":None},a="下降2.4%")
d.claim("3.6万辆",36000,"辆","count","新能源汽车产量")
d.claim("两倍",2,"倍","multiple","新能源汽车产量","up/yoy",q="under",a="近两倍")
d.claim("26.5%",26.5,"%","percent","锂离子电池产量","up/yoy")
d.date("1-7月",P,a="1-7月，全市高技术")
d.claim("11.3%",11.3,"%","percent","高技术制造业增加值",{"direction":"up","basis":None},P)
d.claim("37.2%",37.2,"%","percent","占规上工业的比重",None,P)
d.date("上年同期","2023-01/2023-07",alt=["2023"])
d.claim("2.1个百分点",2.1,"百分点","percentage_point","占规上工业的比重","up/yoy",P)
d.claim("9.4%",9.4,"%","percent","战略性新兴产业增加值","up/yoy",P)
d.date("同期",P,opt=True,a="同期，规上")
d.claim("426.7亿元",42670000000,"元","money","出口交货值",None,P)
d.claim("4.8%",4.8,"%","percent","出口交货值",{"direction":"up","basis":None},P)
d.place("东盟",opt=True)
d.org("东盟",opt=True)
d.claim("两成",20,"%","percent","对东盟出口",{"direction":"up","basis":None},P,q="over")
d.place("南昌高新区",opt=True)
d.proj("南昌高新区",opt=True)
d.place("南昌经开区",opt=True)
d.proj("南昌经开区",opt=True)
d.claim("10.3%",10.3,"%","percent","规上工业增加值",{"direction":"up","basis":None},None,"南昌高新区")
d.claim("9.6%",9.6,"%","percent","规上工业增加值",{"direction":"up","basis":None},None,"南昌经开区")
d.place("进贤县")
d.claim("6.7%",6.7,"%","percent","规上工业增加值",{"direction":"up","basis":None},None,"进贤县")
d.date("1-7月",P,a="1-7月全市工业投资")
d.claim("12.4%",12.4,"%","percent","工业投资","up/yoy",P)
d.claim("百分之三十五左右",35,"%","percent","占全部投资的比重",None,P,q="approx")
d.date("7月底","2024-07",mod="END")
d.claim("2860家",2860,"家","count","在库规上工业企业",None,"2024-07")
d.date("去年12月末","2023-12",mod="END")
d.claim("130余家",130,"家","count","在库规上工业企业","up/other","2024-07",q="over")
d.co("国网南昌供电公司")
d.date("前7个月",P,a="前7个月全市")
d.claim("98.6亿千瓦时",9860000000,"千瓦时","energy","工业用电量",None,P)
d.claim("6.9%",6.9,"%","percent","工业用电量","up/yoy",P)
d.org("市统计局","南昌市统计局",a="市统计局有关")
d.date("全年","2024",opt=True)
d.write()
